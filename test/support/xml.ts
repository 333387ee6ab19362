/**
 * A strict parser for the XML that charts write (elements, attributes, text, character
 * and the five predefined entity references; no prolog, comments, CDATA or DTD): it
 * throws on anything not well-formed, and returns the tree for tests to inspect.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: Array<XmlElement | string>;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.:-]*/;
const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const NOT_XML = /[\u{0}-\u{8}\u{B}\u{C}\u{E}-\u{1F}\u{D800}-\u{DFFF}\u{FFFE}\u{FFFF}]/u;

function decode(raw: string, at: number): string {
  if (NOT_XML.test(raw)) throw new SyntaxError(`a character XML cannot hold near ${at}`);
  return raw.replace(/&([^;]*);?/g, (match, body: string) => {
    if (!match.endsWith(';')) throw new SyntaxError(`a bare & near ${at}`);
    if (ENTITY[body]) return ENTITY[body];
    const m = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(body);
    if (!m) throw new SyntaxError(`unknown entity &${body}; near ${at}`);
    const cp = m[1] ? parseInt(m[1], 16) : parseInt(m[2], 10);
    const c = String.fromCodePoint(cp);
    if (NOT_XML.test(c)) throw new SyntaxError(`a character reference XML cannot hold near ${at}`);
    return c;
  });
}

export function parseXml(xml: string): XmlElement {
  let i = 0;
  const fail = (what: string): never => {
    throw new SyntaxError(`${what} at ${i}: ${JSON.stringify(xml.slice(i, i + 40))}`);
  };
  const name = () => {
    const m = NAME.exec(xml.slice(i));
    if (!m) fail('a name expected');
    i += m![0].length;
    return m![0];
  };
  const space = () => {
    while (i < xml.length && /[ \t\r\n]/.test(xml[i])) i++;
  };
  const element = (): XmlElement => {
    if (xml[i] !== '<') fail('< expected');
    i++;
    const el: XmlElement = { name: name(), attributes: {}, children: [] };
    for (;;) {
      const before = i;
      space();
      if (xml.startsWith('/>', i)) {
        i += 2;
        return el;
      }
      if (xml[i] === '>') {
        i++;
        break;
      }
      if (i === before) fail('space expected before an attribute');
      const attr = name();
      if (attr in el.attributes) fail(`attribute ${attr} repeated`);
      space();
      if (xml[i] !== '=') fail('= expected');
      i++;
      space();
      const quote = xml[i];
      if (quote !== '"' && quote !== "'") fail('quoted value expected');
      const end = xml.indexOf(quote, i + 1);
      if (end < 0) fail('unterminated value');
      const raw = xml.slice(i + 1, end);
      if (raw.includes('<')) fail('< in an attribute value');
      el.attributes[attr] = decode(raw, i);
      i = end + 1;
    }
    for (;;) {
      if (i >= xml.length) fail(`</${el.name}> expected`);
      if (xml.startsWith('</', i)) {
        i += 2;
        const closing = name();
        if (closing !== el.name) fail(`</${el.name}> expected, found </${closing}>`);
        space();
        if (xml[i] !== '>') fail('> expected');
        i++;
        return el;
      }
      if (xml[i] === '<') {
        if (xml.startsWith('<!', i) || xml.startsWith('<?', i)) fail('no comments, CDATA or processing instructions');
        el.children.push(element());
        continue;
      }
      const next = xml.indexOf('<', i);
      const raw = xml.slice(i, next < 0 ? xml.length : next);
      if (raw.includes(']]>')) fail(']]> in text');
      el.children.push(decode(raw, i));
      i += raw.length;
    }
  };
  const root = element();
  if (i !== xml.length) fail('content after the root element');
  return root;
}

/** Every element of the tree, depth first. */
export function allElements(root: XmlElement): XmlElement[] {
  return [root, ...root.children.flatMap((c) => (typeof c === 'string' ? [] : allElements(c)))];
}

/** The text of an element and its descendants. */
export function textOf(el: XmlElement): string {
  return el.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}
