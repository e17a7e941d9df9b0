/**
 * The block forms, asked in this order: the first that recognises a block says what it is
 * (fields before titles: `**Files:**` is a field, not a concern named Files). A new form is a
 * module beside these and a line here.
 */
import type { RootContent } from 'mdast';
import type { Context } from '../draft';
import type { DocumentReader } from '../reader';
import { boldTitleForm } from './boldTitle';
import { fieldsForm } from './fields';
import type { BlockForm, BlockKind } from './form';
import { listItemsForm } from './listItems';
import { tableForm } from './table';

const BLOCK_FORMS: readonly BlockForm[] = [fieldsForm, boldTitleForm, tableForm, listItemsForm];

export interface Classified {
  kind: BlockKind | 'prose' | 'break';
  /** The form that recognised the block. */
  form?: BlockForm;
}

const PROSE: Classified = { kind: 'prose' };
const BREAK: Classified = { kind: 'break' };

/** What a block is, by the first form that recognises it; prose when none does. */
export function classifyBlock(block: RootContent, reader: DocumentReader, ctx?: Context): Classified {
  if (block.type === 'thematicBreak') return BREAK;
  for (const form of BLOCK_FORMS) {
    const kind = form.recognise(block, reader, ctx);
    if (kind) return { kind, form };
  }
  return PROSE;
}
