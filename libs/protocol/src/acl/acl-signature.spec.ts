import { describe, expect, it } from 'vitest';

import { createRequest } from '../command/remoting-command';
import { ACL_ACCESS_KEY, ACL_SIGNATURE, aclSignature, aclSigningContent, signRequest } from './acl-signature';

describe('ACL 1.0 signing', () => {
  it('matches the HMAC-SHA1 vector of RocketMQ AclSignerTest', () => {
    expect(aclSignature(Buffer.from('RocketMQ'), '12345678')).toBe('IUc8rrO/0gDch8CjObLQsW2rsiA=');
  });

  it('signs the values in key order (UTF-16, as a Java TreeMap), then the body', () => {
    const content = aclSigningContent({ b: '2', a: '1', Z: 'z', Signature: 'ignored' }, Buffer.from('BODY'));
    // 'Z' (0x5A) sorts before 'a' (0x61).
    expect(content.toString('utf8')).toBe('z12BODY');
  });

  it('adds AccessKey before signing, so the key is itself signed', () => {
    const request = createRequest(310, { extFields: { b: 'TopicA', a: 'GroupA' }, body: Buffer.from('hello') });
    signRequest(request, { accessKey: 'RocketMQ', secretKey: '12345678' });
    const fields = request.extFields ?? {};
    expect(fields[ACL_ACCESS_KEY]).toBe('RocketMQ');
    // AccessKey < a < b in code-unit order.
    expect(fields[ACL_SIGNATURE]).toBe(aclSignature(Buffer.from('RocketMQGroupATopicAhello'), '12345678'));
  });

  it('re-signing replaces the old signature rather than signing it', () => {
    const request = createRequest(34, { extFields: { x: '1' } });
    signRequest(request, { accessKey: 'RocketMQ', secretKey: '12345678' });
    const first = request.extFields?.[ACL_SIGNATURE];
    signRequest(request, { accessKey: 'RocketMQ', secretKey: '12345678' });
    expect(request.extFields?.[ACL_SIGNATURE]).toBe(first);
  });
});
