import {describe, expect, it} from 'vitest';
import {AppError, toAppError} from './errors';

const json = '{"code":"wrong_passphrase","message":"Wrong passphrase.","hint":"Check caps lock.","detail":"aead: open failed"}';

describe('toAppError', () => {
  it('parses the formatter JSON in an Error, as Wails rejects with it', () => {
    const e = toAppError(new Error(json));
    expect(e).toBeInstanceOf(AppError);
    expect(e).toMatchObject({code: 'wrong_passphrase', message: 'Wrong passphrase.', hint: 'Check caps lock.', detail: 'aead: open failed'});
  });

  it('parses a JSON string', () => {
    expect(toAppError(json).code).toBe('wrong_passphrase');
  });

  it('takes an apperr object (an error inside a result)', () => {
    const e = toAppError({code: 'ca_timeout', message: 'Timed out.'});
    expect(e).toBeInstanceOf(AppError);
    expect(e).toMatchObject({code: 'ca_timeout', message: 'Timed out.', hint: '', detail: ''});
  });

  it('tolerates missing hint and detail', () => {
    const e = toAppError('{"code":"not_found","message":"No such key."}');
    expect(e).toMatchObject({code: 'not_found', hint: '', detail: ''});
  });

  it.each([
    ['plain text', 'runtime error: index out of range'],
    ['JSON without code and message', '{"foo":1}'],
    ['JSON inside other text (the whole message is parsed, nothing is scanned for)', 'error: {"code":"conflict","message":"x"}'],
    ['a JSON value that is not an object', '"conflict"'],
  ])('falls back to internal with the raw text as detail: %s', (_, text) => {
    const e = toAppError(new Error(text));
    expect(e.code).toBe('internal');
    expect(e.detail).toBe(text);
    expect(e.message).not.toContain(text);
  });

  it('returns AppErrors unchanged', () => {
    const orig = new AppError('conflict', 'Exists.');
    expect(toAppError(orig)).toBe(orig);
  });
});
