import { escapeXml } from './escape';

export type Attributes = Record<string, string | number | undefined>;

/** A coordinate or length, to two decimals, with no "-0", so output is the same bytes on every run. */
export function num(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return String(rounded === 0 ? 0 : rounded);
}

function attributes(attrs: Attributes): string {
  let out = '';
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined) continue;
    out += ` ${name}="${typeof value === 'number' ? num(value) : escapeXml(value)}"`;
  }
  return out;
}

/** An element whose children are markup made by these functions: attribute values are escaped here. */
export function element(name: string, attrs: Attributes, ...children: string[]): string {
  const inner = children.join('');
  return inner ? `<${name}${attributes(attrs)}>${inner}</${name}>` : `<${name}${attributes(attrs)}/>`;
}

/** An element holding text, escaped. */
export function textElement(name: string, attrs: Attributes, text: string): string {
  return `<${name}${attributes(attrs)}>${escapeXml(text)}</${name}>`;
}
