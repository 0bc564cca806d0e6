/**
 * Files with one finding of each suggestion kind (JSON, YAML, HCL), and applying a suggested change the way a
 * reviewer's click does (the commented lines replaced, through `git apply`).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FakeReviewComment } from '../fakes/github-server.js';

export const queueJson = `{
  "Statement": [
    {
      "Sid": "Send",
      "Effect": "Allow",
      "Action": [
        "sqs:Send*",
        "sqs:SendMessage"
      ],
      "Resource": "arn:aws:sqs:us-east-1:123456789012:jobs"
    },
    {
      "Sid": "Pass",
      "Effect": "Allow",
      "Action": "iam:PassRole",
      "Resource": "arn:aws:iam::123456789012:role/worker"
    }
  ]
}
`;
export const appYaml = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: app
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action:
                  - sqs:SendMessage
                  - sqs:DeleteMessage
                Resource: '*'
              - Effect: Allow
                Action:
                  - sqs:Receive*
                  - sqs:ReceiveMessage
                Resource: !GetAtt Queue.Arn
              - Effect: Allow
                Action: iam:PassRole
                Resource: arn:aws:iam::123456789012:role/worker
`;
export const queueTf = `resource "aws_sqs_queue" "q" {
  name = "q"
}

resource "aws_iam_policy" "queue" {
  name = "queue"
  policy = jsonencode({
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["sqs:SendMessage"]
        Resource = "*"
      },
      {
        Effect   = "Allow"
        Action   = ["sqs:ReceiveMessage", "sqs:Receive*"]
        Resource = aws_sqs_queue.q.arn
      },
    ]
  })
}

data "aws_iam_policy_document" "pass" {
  statement {
    actions   = ["iam:PassRole"]
    resources = ["arn:aws:iam::123456789012:role/worker"]
  }
}

resource "aws_iam_policy" "pass" {
  name   = "pass"
  policy = data.aws_iam_policy_document.pass.json
}
`;

/** Apply a suggestion the way a reviewer's click does: the commented lines replaced, as a hunk through git apply. */
export function gitApply(dir: string, file: string, start: number, end: number, replacement: string[]): void {
  const old = readFileSync(path.join(dir, file), 'utf8').split('\n').slice(start - 1, end);
  const n = end - start + 1;
  const patch = `--- a/${file}\n+++ b/${file}\n@@ -${start},${n} +${replacement.length ? start : start - 1},${replacement.length} @@\n${old.map((l) => `-${l}\n`).join('')}${replacement.map((l) => `+${l}\n`).join('')}`;
  writeFileSync(path.join(dir, 'suggestion.patch'), patch);
  execFileSync('git', ['apply', '--unidiff-zero', 'suggestion.patch'], { cwd: dir });
}

/** The suggested lines of the review comment ending on `line` (its range: start_line..line). */
export function suggestedIn(comments: FakeReviewComment[], file: string, line: number): { start: number; end: number; lines: string[] } | undefined {
  const c = comments.find((x) => x.path === file && x.line === line && x.body.includes('```suggestion'));
  const m = /```suggestion\n([\s\S]*?)```/.exec(c?.body ?? '');
  if (!c || !m) return undefined;
  return { start: c.start_line ?? line, end: line, lines: m[1] ? m[1].replace(/\n$/, '').split('\n') : [] };
}


/** A CloudFormation JSON template: a redundant action and Resource "*" on neighbouring lines of one statement. */
export const cfnJson = `{
  "Resources": {
    "Queue": { "Type": "AWS::SQS::Queue" },
    "Role": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "AssumeRolePolicyDocument": {
          "Version": "2012-10-17",
          "Statement": [{ "Effect": "Allow", "Principal": { "Service": "lambda.amazonaws.com" }, "Action": "sts:AssumeRole" }]
        },
        "Policies": [
          {
            "PolicyName": "p",
            "PolicyDocument": {
              "Statement": [
                {
                  "Effect": "Allow",
                  "Action": ["sqs:SendMessage", "sqs:Send*"],
                  "Resource": "*"
                },
                {
                  "Effect": "Allow",
                  "Action": "sqs:ReceiveMessage",
                  "Resource": { "Fn::GetAtt": ["Queue", "Arn"] }
                },
                {
                  "Effect": "Allow",
                  "Action": "iam:PassRole",
                  "Resource": "arn:aws:iam::123456789012:role/x"
                }
              ]
            }
          }
        ]
      }
    }
  }
}
`;
