import { describe, expect, it } from 'vitest';
import { translate } from '../i18n';
import { acceptOf, fileProblem, fileProblemMessage, formatSize } from './materials';

describe('material uploads in the console', () => {
  it('offers the extensions the server accepts', () => {
    expect(acceptOf('thumb')).toBe('.jpg,.jpeg');
    expect(acceptOf('voice')).toBe('.mp3,.wma,.wav,.amr');
  });

  it('stops files the server would refuse by name or size, before uploading them', () => {
    expect(fileProblem('image', { name: 'photo.PNG', size: 1000 })).toBeNull();
    expect(fileProblem('image', { name: 'notes.txt', size: 1000 })).toBe('extension');
    expect(fileProblem('image', { name: 'noextension', size: 1000 })).toBe('extension');
    expect(fileProblem('thumb', { name: 'cover.jpg', size: 64 * 1024 })).toBeNull();
    expect(fileProblem('thumb', { name: 'cover.jpg', size: 64 * 1024 + 1 })).toBe('size');
    expect(fileProblem('voice', { name: 'a.mp3', size: 0 })).toBe('empty');
  });

  it('says what is wrong in the operator’s language', () => {
    const zh = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) => translate('zh-CN', key, vars);
    expect(fileProblemMessage(zh, 'thumb', { name: 'a.png', size: 10 })).toBe('「a.png」的格式不支持，请选择 .jpg,.jpeg 文件');
    expect(fileProblemMessage(zh, 'thumb', { name: 'a.jpg', size: 70_000 })).toBe('「a.jpg」超过 64 KB');
    expect(fileProblemMessage(zh, 'thumb', { name: 'a.jpg', size: 70 })).toBeNull();
  });

  it('prints sizes in binary units', () => {
    expect(formatSize(850)).toBe('850 B');
    expect(formatSize(64 * 1024)).toBe('64 KB');
    expect(formatSize(1536)).toBe('1.5 KB');
    expect(formatSize(2.5 * 1024 * 1024)).toBe('2.5 MB');
  });
});
