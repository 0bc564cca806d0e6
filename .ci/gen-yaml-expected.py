#!/usr/bin/env python3
"""Generates the differential YAML suite (issue 19): the tricky documents below, and the structure PyYAML (what
CloudFormation, the AWS CLI and cfn-lint read templates with) builds for each. Run once by hand, with PyYAML 6:
    python3 .ci/gen-yaml-expected.py
Writes test/extract/cloudformation/yaml-pyyaml/{docs,expected}.json; the tests read those and never run this."""
import json, os, yaml

P = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n"
docs = {
  # duplicate keys: the last wins
  "dup-top": "a: 1\nb: 2\na: 3\n",
  "dup-nested": P + "  R:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: a\n    Properties:\n      RoleName: b\n",
  "dup-resource": P + "  R:\n    Type: AWS::SNS::Topic\n  R:\n    Type: AWS::IAM::Role\n",
  "dup-three": "a: 1\na: 2\na: 3\n",
  "dup-flow-map": "a: {x: 1, y: 2, x: 3}\n",
  "dup-in-seq-item": "L:\n  - Effect: Allow\n    Action: s3:GetObject\n    Effect: Deny\n",
  "dup-quoted-and-plain": "'a': 1\na: 2\n\"a\": 3\n",
  # multi-line plain scalars
  "plain-cont-deeper": "R:\n  P:\n    V: abc\n     def\n",
  "plain-cont-same-col": "R:\n  P:\n    V: abc\n    def\n",
  "plain-seq-item-cont": "R:\n  - abc\n   def\n",
  "plain-sub-cont": "R:\n  V: !Sub arn:aws:s3:::${B}/\n    x\n",
  "plain-compact-seq-cont": "R:\n- abc\n def\n",
  "plain-empty-line": "R:\n  V: abc\n\n    def\n",
  "plain-cont-starts-with-quote": "R:\n  D: first line\n    'quoted continuation\n  O: x\n  P: 'y'\n",
  "plain-cont-quote-with-low-flow": "R:\n  D: first line\n    'quoted continuation\n  O: x\n  P: 'y'\n  L: [a,\nb]\n",
  "seq-map-plain-then-low-quote": "L:\n- Effect: Allow\n  Action: 'a\nb'\n  Resource: x\n",
  "key-col-plain-then-low-flow": "R:\n  - K: v\n    W: [a,\n  b]\n",
  # single-quoted
  "sq-col0": "R:\n  P:\n    V: 'abc\ndef'\n",
  "sq-parent-indent": "R:\n  P:\n    V: 'abc\n    def'\n",
  "sq-sub-low": P + "  R:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Sub 'arn:${AWS::Partition}\n  :topic'\n",
  "sq-escaped-quote": "R:\n  V: 'it''s\nhere'\n",
  "sq-empty-lines": "R:\n  V: 'a\n\n\nb'\n",
  "sq-seq-item": "L:\n  - 'a\n b'\n  - c\n",
  "sq-key-after": "R:\n  V: 'a\nb'\n  W: c\n",
  # double-quoted
  "dq-col0": "R:\n  P:\n    V: \"abc\ndef\"\n",
  "dq-escapes": "R:\n  V: \"a\\\"b\nc\\nd\"\n",
  "dq-backslash-eol": "R:\n  V: \"abc\\\ndef\"\n",
  "dq-tab-continuation": "R:\n  V: \"abc\n\tdef\"\n",
  "dq-sub-list": "R:\n  V: !Sub\n    - \"${A}\n  x\"\n    - {A: !Ref B}\n",
  "dq-hash-inside": "R:\n  V: \"a # not a comment\nb\"\n",
  "dq-then-sibling": "R:\n  V: !Sub \"abc\n\ndef\"\nX: 1\n",
  # flow collections closed lower than they opened
  "flow-seq-maps-col0": "R:\n  P:\n    V: [{a: 1},\n  {b: 2}\n]\n",
  "flow-map-low": "R:\n  P:\n    V: {a: 1,\n b: 2\n}\n",
  "flow-seq-in-seq": "R:\n  L:\n    - [a,\nb, c]\n",
  "flow-nested-low": "R:\n  V: [[a,\n[b, c]],\n{d: [e,\nf]}]\nX: y\n",
  "flow-comment-inside": "R:\n  V: [a, # first\nb]\n",
  "flow-quoted-inside": "R:\n  V: [\"a\nb\", 'c\nd']\n",
  "flow-plain-multiline": "R:\n  V: [ab\ncd, e]\n",
  "flow-statement": P + "  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Statement: [{Effect: Allow,\n  Action: ['s3:GetObject',\n 's3:PutObject'], Resource: '*'}\n]\n",
  "flow-tagged": "R:\n  V: !Join ['', [a,\nb]]\n",
  "flow-getatt": "R:\n  V: [!GetAtt A.Arn,\n!Ref B]\n",
  # tabs
  "tab-in-flow": "R: [a,\tb]\n",
  "tab-line-start-flow": "R: [a, b,\n\tc]\n",
  "tab-in-quoted": "R: \"a\tb\"\n",
  "tab-quoted-in-flow": "R: [b, \"c\n\t d\"]\n",
  # BOM, CRLF, document markers
  "bom": "\ufeffa: 1\nb: x\n",
  "bom-template": "\ufeff" + P + "  T:\n    Type: AWS::SNS::Topic\n",
  "crlf": "a: 1\r\nb:\r\n  - x\r\n  - y\r\n",
  "crlf-sq-low": "R:\r\n  V: 'a\r\nb'\r\n",
  "crlf-flow-low": "R:\r\n  V: [a,\r\nb]\r\n",
  "trailing-dots": "a: 1\n...\n",
  "trailing-dots-comment": "a: 1\n... # end\n",
  "leading-dashes": "---\na: 1\n",
  "leading-dashes-trailing-dots": "--- # doc\na: 1\n...\n",
  "trailing-dashes": "a: 1\n---\n",
  # things the re-indentation must leave alone
  "block-literal-with-quotes": "R:\n  V: |\n    it's \"quoted\" [not flow\n    {x\n  W: 'y'\n",
  "block-folded-keep": "R:\n  V: >-\n    a 'b\n    c\n  W: z\n",
  "plain-apostrophe": "R:\n  V: don't [x\n  W: y\n",
  "comment-quote": "R:\n  # it's a comment [\n  V: x\n",
  "anchors": "a: &x {k: 1}\nb: *x\n",
  "getatt": "R: !GetAtt A.B.C\n",
  # what neither reader accepts
  "err-unclosed-sq": "R:\n  V: 'abc\n",
  "err-unclosed-flow": "R:\n  V: [a, b\n",
  "err-bad-indent": "R:\n  a: 1\n b: 2\n",
  "err-marker-in-quoted": "R:\n  V: 'abc\n---\ndef'\n",
  "err-two-docs": "a: 1\n---\nb: 2\n",
}

class Loader(yaml.SafeLoader):
    pass

# every scalar as its text (PyYAML is YAML 1.1: 2010-09-09 would be a date, yes a boolean); null stays null
for t in ('bool', 'int', 'float', 'timestamp'):
    Loader.add_constructor('tag:yaml.org,2002:' + t, lambda l, n: l.construct_scalar(n))

def intrinsic(loader, suffix, node):
    name = suffix if suffix in ('Ref', 'Condition') else 'Fn::' + suffix
    if isinstance(node, yaml.ScalarNode):
        v = loader.construct_scalar(node)
        if suffix == 'GetAtt':
            v = v.split('.', 1)
    elif isinstance(node, yaml.SequenceNode):
        v = loader.construct_sequence(node, deep=True)
    else:
        v = loader.construct_mapping(node, deep=True)
    return {name: v}

Loader.add_multi_constructor('!', intrinsic)

expected = {}
for name, text in docs.items():
    try:
        expected[name] = {'value': yaml.load(text, Loader=Loader)}
    except yaml.MarkedYAMLError as e:
        m = e.problem_mark
        expected[name] = {'error': {'line': m.line + 1, 'column': m.column + 1, 'message': e.problem}}

out = os.path.join(os.path.dirname(__file__), '..', 'test', 'extract', 'cloudformation', 'yaml-pyyaml')
with open(os.path.join(out, 'docs.json'), 'w') as f:
    json.dump(docs, f, indent=1, ensure_ascii=True)
    f.write('\n')
with open(os.path.join(out, 'expected.json'), 'w') as f:
    json.dump({'generator': 'PyYAML ' + yaml.__version__, 'documents': expected}, f, indent=1)
    f.write('\n')
print(len(docs), 'documents,', sum(1 for v in expected.values() if 'error' in v), 'errors')
