/**
 * The body as rich text (Tiptap): only the marks and blocks the server's sanitizer keeps
 * (headings, lists, quotes, code, links, bold/italic/underline/strike), so what one writes is
 * what is stored. Its own chunk: loaded when an editor opens, never on the first view.
 */
import { useEffect } from 'react';
import { ActionIcon, Group, Paper, Tooltip } from '@mantine/core';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';

interface Props { value: string; onChange: (html: string) => void }

export default function RichText({ value, onChange }: Props) {
  const editor = useEditor({
    extensions: [StarterKit.configure({ link: { openOnClick: false, protocols: ['http', 'https', 'mailto'] } })],
    content: value,
    immediatelyRender: true,
    shouldRerenderOnTransaction: true,
    editorProps: { attributes: { 'aria-label': 'Body', role: 'textbox', 'aria-multiline': 'true', class: 'rich-body', 'data-testid': 'rich-body' } },
    onUpdate: ({ editor: e }) => onChange(e.isEmpty ? '' : e.getHTML()),
  });
  // Content replaced from outside (reload theirs, a conflict resolved): show it.
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    if (value !== editor.getHTML() && !(value === '' && editor.isEmpty)) editor.commands.setContent(value, { emitUpdate: false });
  }, [editor, value]);
  if (!editor) return null;
  return (
    <Paper withBorder>
      <Toolbar editor={editor} />
      <EditorContent editor={editor} />
    </Paper>
  );
}

function Toolbar({ editor }: { editor: Editor }) {
  const chain = () => editor.chain().focus();
  const link = () => {
    const previous = editor.getAttributes('link').href as string | undefined;
    const href = window.prompt('Link address (https://…)', previous ?? 'https://');
    if (href === null) return;
    if (href === '') chain().unsetLink().run();
    else chain().extendMarkRange('link').setLink({ href }).run();
  };
  const tools: { label: string; text: string; active: boolean; run: () => void }[] = [
    { label: 'Bold', text: 'B', active: editor.isActive('bold'), run: () => chain().toggleBold().run() },
    { label: 'Italic', text: 'I', active: editor.isActive('italic'), run: () => chain().toggleItalic().run() },
    { label: 'Underline', text: 'U', active: editor.isActive('underline'), run: () => chain().toggleUnderline().run() },
    { label: 'Strikethrough', text: 'S', active: editor.isActive('strike'), run: () => chain().toggleStrike().run() },
    { label: 'H2 heading', text: 'H2', active: editor.isActive('heading', { level: 2 }), run: () => chain().toggleHeading({ level: 2 }).run() },
    { label: 'H3 heading', text: 'H3', active: editor.isActive('heading', { level: 3 }), run: () => chain().toggleHeading({ level: 3 }).run() },
    { label: 'Bulleted list', text: '•', active: editor.isActive('bulletList'), run: () => chain().toggleBulletList().run() },
    { label: 'Numbered list', text: '#', active: editor.isActive('orderedList'), run: () => chain().toggleOrderedList().run() },
    { label: 'Quote', text: '❝', active: editor.isActive('blockquote'), run: () => chain().toggleBlockquote().run() },
    { label: 'Code block', text: '</>', active: editor.isActive('codeBlock'), run: () => chain().toggleCodeBlock().run() },
    { label: 'Link', text: 'Link', active: editor.isActive('link'), run: link },
    { label: 'Undo', text: '↶', active: false, run: () => chain().undo().run() },
    { label: 'Redo', text: '↷', active: false, run: () => chain().redo().run() },
  ];
  return (
    <Group gap={2} p={4} className="rich-toolbar" role="toolbar" aria-label="Formatting">
      {tools.map((t) => (
        <Tooltip key={t.label} label={t.label} openDelay={400}>
          <ActionIcon variant={t.active ? 'filled' : 'subtle'} color="dark" aria-label={t.label} aria-pressed={t.active} onClick={t.run} size="md"
            w={t.text.length > 3 ? 'auto' : undefined} px={t.text.length > 3 ? 6 : undefined}>
            <span aria-hidden>{t.text}</span>
          </ActionIcon>
        </Tooltip>
      ))}
    </Group>
  );
}
