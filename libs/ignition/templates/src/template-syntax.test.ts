import { describe, expect, it } from 'vitest';
import { TemplateSyntaxError } from './expression';
import { lineAndColumn, parseTemplate, renderTemplate } from './template-syntax';

const render = (source: string, data: Record<string, unknown>) => renderTemplate(parseTemplate(source), data);

describe('template syntax', () => {
  it('writes values as they are, and JSON literals with json', () => {
    const data = { answers: { name: 'web', description: 'say "hi"\n', port: 3000, isOn: true } };
    expect(render('{{answers.name}}:{{ answers.port }}:{{answers.isOn}}', data)).toBe('web:3000:true');
    expect(render('{ "d": {{json answers.description}} }', data)).toBe('{ "d": "say \\"hi\\"\\n" }');
    expect(render('[{{answers.missing}}][{{json answers.missing}}]', data)).toBe('[][null]');
  });

  it('evaluates if, else, unless with !, &&, ||, == and !=', () => {
    const data = { answers: { e2e: true, docker: false, theme: 'dark', deps: [] } };
    expect(render('{{#if answers.e2e}}yes{{else}}no{{/if}}', data)).toBe('yes');
    expect(render('{{#if answers.docker}}yes{{else}}no{{/if}}', data)).toBe('no');
    expect(render('{{#unless answers.docker}}u{{/unless}}', data)).toBe('u');
    expect(render('{{#if answers.e2e && !answers.docker}}a{{/if}}', data)).toBe('a');
    expect(render('{{#if answers.docker || answers.theme == "dark"}}b{{/if}}', data)).toBe('b');
    expect(render("{{#if answers.theme != 'dark'}}c{{else}}d{{/if}}", data)).toBe('d');
    expect(render('{{#if (answers.docker || answers.e2e) && answers.deps}}e{{else}}f{{/if}}', data)).toBe(
      'f',
    );
  });

  it('loops with each over items, with @index, @first, @last and else for an empty list', () => {
    const data = { answers: { deps: [{ name: 'a' }, { name: 'b' }, { name: 'c' }], none: [] } };
    const source =
      '{{#each answers.deps}}{{@index}}={{this.name}}{{#if @first}}^{{/if}}{{#unless @last}},{{/unless}}{{/each}}';
    expect(render(source, data)).toBe('0=a^,1=b,2=c');
    expect(render('{{#each answers.none}}x{{else}}empty{{/each}}', data)).toBe('empty');
  });

  it('removes the line of a block tag standing alone, keeping inline tags', () => {
    const source = [
      '{',
      '{{#if answers.on}}',
      '  "a": 1,',
      '{{/if}}',
      '  {{! note }}',
      '  "b": {{#if answers.on}}2{{/if}}',
      '}',
    ].join('\n');
    expect(render(source, { answers: { on: true } })).toBe('{\n  "a": 1,\n  "b": 2\n}');
    expect(render(source, { answers: { on: false } })).toBe('{\n  "b": \n}');
  });

  it('writes \\{{ as a literal {{ (GitHub Actions expressions, JSX style objects)', () => {
    expect(render('run: $\\{{ matrix.node }} {{answers.x}}', { answers: { x: 1 } })).toBe(
      'run: ${{ matrix.node }} 1',
    );
  });

  it('reads only own properties: no prototype, no constructor, no code', () => {
    const data = { answers: { name: 'x' } };
    expect(render('[{{answers.constructor}}][{{answers.name.length}}][{{__proto__}}]', data)).toBe('[][][]');
    expect(() => parseTemplate('{{process.exit()}}')).toThrow(TemplateSyntaxError);
  });

  it.each([
    ['{{#if answers.a}}open', '"{{#if}}" is never closed', 0],
    ['x {{/if}}', '"{{/if}}" closes no block', 2],
    ['{{#if a}}{{/each}}', '"{{/each}}" closes "{{#if}}"', 9],
    ['{{#with a}}{{/with}}', 'unknown block "#with"', 0],
    ['a\n{{answers.name', '"{{" is never closed by "}}"', 2],
    ['{{answers..name}}', 'unexpected character "."', 9],
    ['{{#if a &&}}x{{/if}}', 'expression ends too early', 10],
    ['{{#if (a}}x{{/if}}', 'missing ")"', 8],
    ['{{else}}', '"{{else}}" outside an if, unless or each block', 0],
    ['{{ }}', 'empty expression', 3],
  ])('refuses %j: %s', (source, message, offset) => {
    try {
      parseTemplate(source);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TemplateSyntaxError);
      expect((error as TemplateSyntaxError).message).toBe(message);
      expect((error as TemplateSyntaxError).offset).toBe(offset);
    }
  });

  it('turns offsets into lines and columns', () => {
    expect(lineAndColumn('ab\ncd\nef', 7)).toEqual({ line: 3, column: 2 });
    expect(lineAndColumn('ab', 0)).toEqual({ line: 1, column: 1 });
  });
});
