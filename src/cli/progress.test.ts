import assert from 'node:assert/strict';
import { test } from 'node:test';
import { progressBar } from './progress.js';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, write: (s: string) => writes.push(s) } as unknown as NodeJS.WriteStream };
}

test('off a terminal the bar prints one line per tenth and ends at 100% exactly once', () => {
  const { writes, stream } = fakeStream(false);
  const bar = progressBar('index', 1000, false, stream);
  for (let i = 0; i < 100; i++) bar.tick(10);
  bar.done();
  assert.equal(writes.length, 11, writes.join(''));
  assert.match(writes[0]!, /^index \[\.{30}\] +1% 10\/1,000/);
  assert.match(writes.at(-1)!, /100% 1,000\/1,000/);
  assert.equal(writes.filter((w) => w.includes('100%')).length, 1);
});

test('on a terminal it redraws one line and ends it; quiet prints nothing', () => {
  const tty = fakeStream(true);
  const bar = progressBar('index', 10, false, tty.stream);
  bar.tick(10);
  bar.done();
  assert.ok(tty.writes.every((w) => w.startsWith('\r')));
  assert.ok(tty.writes.at(-1)!.endsWith('\n'));
  const quiet = fakeStream(false);
  const silent = progressBar('index', 10, true, quiet.stream);
  silent.tick(5);
  silent.done();
  assert.deepEqual(quiet.writes, []);
});
