-- A real non-VS-Code client: Neovim, headless, attaches the built server (`concerns lsp --stdio`)
-- to a fixture workspace, opens a referenced file, waits for diagnostics and a hover, and writes
-- what it received as JSON. Written for Debian's Neovim 0.7 (vim.lsp.start_client and
-- buf_attach_client; vim.lsp.start only came in 0.8). Driven by test/protocol/neovim.test.ts.
local root = assert(os.getenv('CONCERNS_ROOT'), 'CONCERNS_ROOT')
local out = assert(os.getenv('CONCERNS_OUT'), 'CONCERNS_OUT')
local file = assert(os.getenv('CONCERNS_FILE'), 'CONCERNS_FILE')
local hover_line = tonumber(os.getenv('CONCERNS_HOVER_LINE') or '0')
local cmd_json = assert(os.getenv('CONCERNS_CMD'), 'CONCERNS_CMD')

local result = { version = vim.version(), errors = {} }
local function finish()
  local f = assert(io.open(out, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qall!')
end

local ok, err = pcall(function()
  local cmd = vim.fn.json_decode(cmd_json)
  local client_id = vim.lsp.start_client({
    name = 'concerns',
    cmd = cmd,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = 'fixture' } },
    init_options = { trusted = true },
    on_exit = function(code) result.exit_code = code end,
  })
  assert(client_id, 'the server did not start')
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(buf, client_id)
  local got = vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
  result.waited_for_diagnostics = got
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(result.diagnostics, { lnum = d.lnum, end_lnum = d.end_lnum, message = d.message, severity = d.severity, source = d.source })
  end
  local client = vim.lsp.get_client_by_id(client_id)
  result.server_name = client.server_capabilities and client.name
  result.hover_provider = client.server_capabilities.hoverProvider
  local response = client.request_sync('textDocument/hover', {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = hover_line, character = 0 },
  }, 10000, buf)
  if response and response.result and response.result.contents then
    local contents = response.result.contents
    result.hover = type(contents) == 'table' and (contents.value or vim.inspect(contents)) or contents
  elseif response and response.err then
    table.insert(result.errors, vim.inspect(response.err))
  end
end)
if not ok then table.insert(result.errors, tostring(err)) end
finish()
