import type { ReactNode } from 'react';

type Block = { kind: 'paragraph'; lines: string[] } | { kind: 'bullets' | 'numbers'; items: string[] };

const bullet = /^\s*[-•]\s+(.*)$/;
const numbered = /^\s*\d+[.)]\s+(.*)$/;

/** Splits a reply into paragraphs (lines kept), "- " lists and "1. " lists; blank lines end a block. */
export function toBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const last = blocks.at(-1);
    const item = bullet.exec(line) ?? numbered.exec(line);
    if (item) {
      const kind = bullet.test(line) ? 'bullets' : 'numbers';
      const content = item[1] ?? '';
      if (last?.kind === kind) {
        last.items.push(content);
      } else {
        blocks.push({ kind, items: [content] });
      }
    } else if (line.trim() === '') {
      blocks.push({ kind: 'paragraph', lines: [] });
    } else if (last?.kind === 'paragraph') {
      last.lines.push(line);
    } else {
      blocks.push({ kind: 'paragraph', lines: [line] });
    }
  }
  return blocks.filter((block) => (block.kind === 'paragraph' ? block.lines.length > 0 : true));
}

/** `**bold**` becomes <strong>; everything else stays text, so nothing the model writes can become markup. */
function inline(text: string): ReactNode[] {
  return text.split(/\*\*(.+?)\*\*/g).map((part, index) => (index % 2 === 1 ? <strong key={index}>{part}</strong> : part));
}

/** The assistant's words as plain text with its line breaks, bold and simple lists. */
export function MessageText({ text }: { text: string }) {
  return (
    <div className="flex flex-col gap-2">
      {toBlocks(text).map((block, index) => {
        if (block.kind === 'paragraph') {
          return (
            <p key={index}>
              {block.lines.map((line, lineIndex) => (
                <span key={lineIndex}>
                  {lineIndex > 0 && <br />}
                  {inline(line)}
                </span>
              ))}
            </p>
          );
        }
        const List = block.kind === 'bullets' ? 'ul' : 'ol';
        return (
          <List key={index} className={`${block.kind === 'bullets' ? 'list-disc' : 'list-decimal'} flex flex-col gap-1 pl-6`}>
            {block.items.map((item, itemIndex) => (
              <li key={itemIndex}>{inline(item)}</li>
            ))}
          </List>
        );
      })}
    </div>
  );
}
