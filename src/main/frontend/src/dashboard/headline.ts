/**
 * The parts of a search headline (`search.headline`: plain text, HTML-escaped, with `<mark>`
 * around the matches) as text and marked text. Parsed rather than set as HTML: even a headline
 * that broke the server's promise could not put markup into the page.
 */
export function headlineParts(headline: string): { text: string; marked: boolean }[] {
  const unescape = (s: string) =>
    s.replace(/&(lt|gt|quot|#39|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e] ?? '');
  const parts: { text: string; marked: boolean }[] = [];
  const re = /<mark>(.*?)<\/mark>/g;
  let at = 0;
  for (let m = re.exec(headline); m; m = re.exec(headline)) {
    if (m.index > at) parts.push({ text: unescape(headline.slice(at, m.index)), marked: false });
    parts.push({ text: unescape(m[1]), marked: true });
    at = m.index + m[0].length;
  }
  if (at < headline.length) parts.push({ text: unescape(headline.slice(at)), marked: false });
  return parts;
}
