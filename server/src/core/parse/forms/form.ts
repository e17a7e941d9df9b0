/**
 * A document form: how one kind of block writes concerns (a bold title, a table, a list of
 * items...). Each form says whether a block is its own, and reads the concerns it holds. The
 * walker (outline.ts) asks the forms of forms/index.ts in turn; adding a form is a new module
 * there and its fixtures.
 */
import type { RootContent } from 'mdast';
import type { ConcernDraft, Context } from '../draft';
import type { DocumentReader } from '../reader';

/**
 * What a block is to the walker: a concern's title (its fields follow), one field or a list of
 * fields (of the open concern, or of the heading above), a list or table of concerns.
 */
export type BlockKind = 'title' | 'field' | 'fields' | 'concern-list' | 'concern-table';

export interface BlockForm {
  /**
   * Whether the block is this form. `ctx` is given when no concern is open: a section named
   * for concerns makes its plain bullets concerns.
   */
  recognise(block: RootContent, reader: DocumentReader, ctx: Context | undefined): BlockKind | undefined;
  /**
   * Drafts the concerns the block holds (the walker calls it for blocks this form recognised);
   * returns the concern the next blocks continue, if any. Forms without it hold no concerns.
   */
  read?(block: RootContent, reader: DocumentReader, ctx: Context, current: ConcernDraft | undefined): ConcernDraft | undefined;
}
