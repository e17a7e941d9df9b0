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

void test('a reveal that fails on a node the tree no longer knows is tried again on the node now; the last failure is thrown', async () => {
  const revealed: string[] = [];
  const steps = (failures: number): RevealSteps<string> => {
    let left = failures;
    let generation = 0;
    return {
      reveal: (node) => {
        revealed.push(node);
        return left-- > 0 ? Promise.reject(new Error(`no tree item for ${node}`)) : Promise.resolve();
      },
      holds: () => Promise.resolve(true),
      current: () => Promise.resolve(`node@${++generation}`),
    };
  };
  assert.equal(await revealUntilSelected('node@0', steps(1), 3), true);
  assert.deepEqual(revealed, ['node@0', 'node@1']);
  await assert.rejects(revealUntilSelected('node@0', steps(5), 3), /no tree item for node@2/);
});

void test('a reveal that never settles does not hold the command: past its timeout it is tried again', async () => {
  const revealed: string[] = [];
  let selected = false;
  let generation = 0;
  const steps: RevealSteps<string> = {
    reveal: (node) => {
      revealed.push(node);
      if (revealed.length === 1) return new Promise<void>(() => {});
      selected = true;
      return Promise.resolve();
    },
    holds: () => Promise.resolve(selected),
    current: () => Promise.resolve(`node@${++generation}`),
  };
  assert.equal(await revealUntilSelected('node@0', steps, 3, 20), true);
  assert.deepEqual(revealed, ['node@0', 'node@1']);
});
