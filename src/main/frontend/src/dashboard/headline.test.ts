import { describe, expect, it } from 'vitest';
import { headlineParts } from './headline';

describe('headlineParts', () => {
  it('splits a headline into text and marked text, undoing the escapes', () => {
    expect(headlineParts('… a <mark>quick</mark> &lt;b&gt; &amp; &quot;fox&quot; <mark>runs</mark>')).toEqual([
      { text: '… a ', marked: false },
      { text: 'quick', marked: true },
      { text: ' <b> & "fox" ', marked: false },
      { text: 'runs', marked: true },
    ]);
  });
  it('never yields markup: anything but <mark> stays text', () => {
    const parts = headlineParts('<img src=x onerror=alert(1)> <mark>w</mark>');
    expect(parts[0]).toEqual({ text: '<img src=x onerror=alert(1)> ', marked: false });
    expect(parts[1]).toEqual({ text: 'w', marked: true });
  });
});
