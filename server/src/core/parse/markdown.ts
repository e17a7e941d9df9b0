import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

// Built once: the processor is frozen on first use and can be reused for every parse.
const processor = unified().use(remarkParse).use(remarkGfm);

/** Markdown to mdast, with GFM tables and strikethrough (both occur in concerns documents). */
export function parseMarkdown(text: string): Root {
  return processor.parse(text);
}
