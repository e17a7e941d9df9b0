import assert from 'node:assert/strict';
import { test } from 'node:test';
import { revealUntilSelected, type RevealSteps } from '../../client/src/tree/revealRetry';

/** A view whose selection a refresh drops `drops` times, each refresh making a new node. */
function view(drops: number): { steps: RevealSteps<string>; revealed: string[] } {
  const revealed: string[] = [];
  let generation = 0;
  let left = drops;
  return {
    revealed,
    steps: {
      reveal: (node) => {
        revealed.push(node);
        return Promise.resolve();
      },
      holds: () => Promise.resolve(left-- <= 0),
      current: () => Promise.resolve(`node@${++generation}`),
    },
  };
}

void test('a selection that holds is revealed once', async () => {
  const { steps, revealed } = view(0);
  assert.equal(await revealUntilSelected('node@0', steps, 3), true);
  assert.deepEqual(revealed, ['node@0']);
});

void test('a selection a refresh dropped is revealed again, on the node of the tree now', async () => {
  const { steps, revealed } = view(1);
  assert.equal(await revealUntilSelected('node@0', steps, 3), true);
  assert.deepEqual(revealed, ['node@0', 'node@1']);
});

void test('the tries are bounded, and a selection that never holds says so', async () => {
  const { steps, revealed } = view(10);
  assert.equal(await revealUntilSelected('node@0', steps, 3), false);
  assert.deepEqual(revealed, ['node@0', 'node@1', 'node@2']);
});

void test('a node gone from the tree now is revealed as it was', async () => {
  const revealed: string[] = [];
  let holds = false;
  const steps: RevealSteps<string> = {
    reveal: (node) => {
      revealed.push(node);
      return Promise.resolve();
    },
    holds: () => {
      const now = holds;
      holds = true;
      return Promise.resolve(now);
    },
    current: () => Promise.resolve(undefined),
  };
  assert.equal(await revealUntilSelected('node@0', steps, 3), true);
  assert.deepEqual(revealed, ['node@0', 'node@0']);
});
