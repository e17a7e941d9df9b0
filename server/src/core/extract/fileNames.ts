/**
 * What a file name looks like. Concerns documents put file names and code side by side in
 * backticks (`package.json` next to `cache.known_sha`), so a dotted name only counts as a file
 * when its extension is one that files really have.
 */

/**
 * Extensions that make a dotted name a file. Deliberately missing: words that are far more often
 * members than extensions (`map`, `key`, `service`, `test`, `spec`, `template`, `example`, `ui`).
 */
export const EXTENSIONS: ReadonlySet<string> = new Set(
  (
    'ts tsx js jsx mjs cjs mts cts json jsonc json5 jsonl ndjson py pyi pyx ipynb go mod sum rs java kt kts ' +
    'groovy gradle scala sbt clj cljs edn swift m mm h hh hpp hxx c cc cpp cxx cu cuh cs csx fs fsx vb ' +
    'csproj fsproj vbproj vcxproj sln rb erb rake gemspec podspec php sql prisma md mdx rst ' +
    'adoc tex bib txt csv tsv yml yaml toml ini cfg conf config env properties plist pbxproj xcconfig ' +
    'entitlements storyboard xib xaml resx cshtml razor sh bash zsh fish ps1 psm1 bat cmd html htm xhtml ' +
    'css scss sass less styl vue svelte astro xml xsd xsl xslt wsdl lock lockb proto graphql gql tf tfvars ' +
    'hcl nix dart ex exs eex heex leex erl hrl lua pl pm r rmd qmd jl hs lhs elm ml mli fsi nim zig sol ' +
    'wasm wat gd tscn tres gdshader shader glsl hlsl wgsl metal vert frag asm ino cmake mk bzl bazel star ' +
    'cabal opam pug jade hbs handlebars mustache ejs njk liquid twig j2 jinja jinja2 tmpl tpl jsp ftl vm ' +
    'svg png jpg jpeg gif ico webp avif bmp pdf mp3 mp4 wav ttf otf woff woff2 db sqlite sqlite3 log pem ' +
    'crt csr p12 pfx jks keystore patch diff http rest snap tsbuildinfo bicep coffee vim el lisp ' +
    'scm rkt tcl awk raku dockerfile containerfile xlsx xls docx pptx zip gz tgz jar war apk aab ipa dmg ' +
    'whl egg parquet avro pb onnx pt pth pkl h5 npz npy so dll dylib exe bin dat iml'
  ).split(' '),
);

/** Extensionless names that are files (matched exactly, these are written in this case). */
const KNOWN_NAMES: ReadonlySet<string> = new Set([
  'Dockerfile', 'Containerfile', 'Makefile', 'makefile', 'GNUmakefile', 'Procfile', 'Gemfile', 'Rakefile',
  'Podfile', 'Brewfile', 'Vagrantfile', 'Jenkinsfile', 'Justfile', 'justfile', 'Caddyfile', 'Guardfile',
  'Capfile', 'Fastfile', 'Appfile', 'Berksfile', 'Cartfile', 'Pipfile', 'Tiltfile', 'Snakefile',
  'LICENSE', 'LICENCE', 'COPYING', 'README', 'CHANGELOG', 'CHANGES', 'AUTHORS', 'CONTRIBUTORS',
  'CODEOWNERS', 'NOTICE', 'OWNERS', 'VERSION', 'TODO', 'BUILD', 'WORKSPACE',
]);

/** Names whose stem is a file name that takes a variant suffix: `Dockerfile.dev`, `Makefile.local`. */
const KNOWN_STEMS: ReadonlySet<string> = new Set(['Dockerfile', 'Containerfile', 'Makefile', 'Procfile', 'Gemfile']);

/** Dotfiles that are files although their name looks like a bare extension (`.env` vs `.md`). */
const DOTFILES: ReadonlySet<string> = new Set([
  '.env', '.gitignore', '.gitattributes', '.gitmodules', '.gitkeep', '.keep', '.dockerignore', '.npmrc', '.nvmrc',
  '.node-version', '.python-version', '.ruby-version', '.tool-versions', '.editorconfig', '.prettierrc',
  '.prettierignore', '.eslintrc', '.eslintignore', '.babelrc', '.browserslistrc', '.htaccess', '.bashrc',
  '.zshrc', '.profile', '.flake8', '.pylintrc', '.coveragerc', '.swcrc', '.yarnrc', '.mailmap',
  '.clang-format', '.clang-tidy', '.vscodeignore', '.stylelintrc', '.envrc', '.sqlfluff', '.condarc',
  '.DS_Store', '.htpasswd', '.git-blame-ignore-revs', '.rspec', '.flowconfig', '.watchmanconfig',
]);

/** First halves of compound extensions: `.spec.ts`, `.test.tsx`, `.d.ts`, `.module.css`, `.up.sql`. */
const SUFFIX_WORDS: ReadonlySet<string> = new Set([
  'spec', 'test', 'tests', 'd', 'module', 'stories', 'story', 'min', 'e2e', 'page', 'layout', 'component',
  'service', 'controller', 'types', 'mock', 'mocks', 'fixture', 'up', 'down', 'pb', 'g', 'generated', 'config',
]);

/** `Node.js`, `Next.js`: products, not files, when written without a directory. */
const PRODUCT_NAMES: ReadonlySet<string> = new Set([
  'node.js', 'next.js', 'nuxt.js', 'vue.js', 'react.js', 'express.js', 'three.js', 'd3.js', 'chart.js',
  'p5.js', 'ember.js', 'backbone.js', 'angular.js', 'alpine.js', 'nest.js', 'solid.js', 'deno.js', 'bun.sh',
]);

/** Receivers that make `x.json` / `x.log` an expression: `self.json`, `console.log`, `res.json`. */
const EXPRESSION_ROOTS: ReadonlySet<string> = new Set([
  'self', 'this', 'cls', 'super', 'os', 'sys', 'window', 'document', 'console', 'logger', 'np', 'pd', 'torch',
  'jnp', 'ctx', 'req', 'res', 'import', 'globalthis', 'navigator', 'response', 'request',
]);

/** Whole names that are expressions although they look like files. */
const EXPRESSIONS: ReadonlySet<string> = new Set(['process.env', 'app.config', 'import.meta.env']);

/** An extension as files write it: lower case (`.py`) or all upper case (`.MD`); `.Lock`, `.Name` are members. */
function isExtension(part: string): boolean {
  if (part.length === 0 || part.length > 12) return false;
  const lower = part.toLowerCase();
  if (part !== lower && part !== part.toUpperCase()) return false;
  return EXTENSIONS.has(lower);
}

/** A plausible but unlisted extension, accepted only when a directory makes the path clear (`Info.xcassets`). */
function isExtensionShaped(part: string): boolean {
  return /^[a-z][a-z0-9]{0,11}$/.test(part) || /^[A-Z][A-Z0-9]{0,11}$/.test(part);
}

/**
 * Is `name` (the last path segment) a file name? `strict` demands a known extension or name;
 * otherwise, when the path has a directory, any extension-shaped suffix will do.
 */
export function isFileName(name: string, hasDirectory: boolean, strict: boolean): boolean {
  if (KNOWN_NAMES.has(name)) return true;
  const dot = name.indexOf('.');
  if (dot < 0) return false;
  if (dot > 0 && KNOWN_STEMS.has(name.slice(0, dot))) return true;
  if (name.endsWith('.Dockerfile')) return true;
  if (dot === 0) return isDotfile(name);

  const lowerName = name.toLowerCase();
  if (!hasDirectory) {
    if (EXPRESSIONS.has(lowerName) || PRODUCT_NAMES.has(lowerName)) return false;
    if (lowerName.startsWith('process.env.') || lowerName.startsWith('import.meta.')) return false;
    if (EXPRESSION_ROOTS.has(lowerName.slice(0, dot))) return false;
  }
  const parts = name.split('.');
  const stem = parts[0] ?? '';
  if (!/[\p{L}\p{N}_]/u.test(stem)) return false;
  // Any part after the stem may be the extension (`foo.test.ts`, `config.yaml.template`) as
  // long as what follows it is a lower-case suffix, not a member (`settings.env.DEBUG`).
  for (let i = parts.length - 1; i >= 1; i--) {
    if (isExtension(parts[i] ?? '')) return true;
    if (!/^[a-z0-9_-]{1,12}$/.test(parts[i] ?? '')) break;
  }
  if (strict || !hasDirectory) return false;
  return isExtensionShaped(parts[parts.length - 1] ?? '');
}

/** `.env`, `.env.local`, `.eslintrc.json`, `.codebase-scan.txt`; not a bare extension like `.md`. */
function isDotfile(name: string): boolean {
  if (DOTFILES.has(name)) return true;
  if (name.startsWith('.env.')) return true;
  const rest = name.slice(1);
  if (!/^[\w-]/.test(rest)) return false;
  const parts = rest.split('.');
  if (parts.length === 1) return /(?:rc|ignore)$/.test(rest);
  // `.spec.ts`, `.d.ts`, `.module.css`: a compound extension named on its own, not a file.
  if (SUFFIX_WORDS.has(parts[0] ?? '')) return false;
  return parts.slice(1).some(isExtension) || DOTFILES.has(`.${parts[0] ?? ''}`);
}

/**
 * `console.log/info/warn/error`, `res.json/send`: a member of an expression's receiver and its
 * siblings joined by slashes, the way prose lists calls; not a folder and its files.
 */
export function isMemberAlternatives(path: string): boolean {
  const [first, ...rest] = path.split('/');
  const m = /^([A-Za-z_$][\w$]*)\.[A-Za-z_$][\w$]*$/.exec(first ?? '');
  return m !== null && EXPRESSION_ROOTS.has(m[1]!.toLowerCase()) && rest.length > 0 && rest.every((s) => /^[A-Za-z_$][\w$]*$/.test(s));
}
