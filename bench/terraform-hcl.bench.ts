/**
 * `.tf` (HCL) extraction speed: files/s over synthetic modules in the style of a privilege-escalation lab (each
 * file: a jsonencode policy, a heredoc trust policy, an aws_iam_policy_document with dynamic statements, locals,
 * variables), in memory (no disk). Prints labelled figures.
 */
import { defaultOptions } from '../src/config/options.js';
import { extractHcl } from '../src/extract/terraform/hcl.js';
import { parseHcl } from '../src/extract/terraform/hcl-syntax.js';

function moduleFile(i: number): string {
  return `
variable "assume_arn_${i}" {
  type    = string
  default = "arn:aws:iam::123456789012:user/lab-${i}"
}

locals {
  prefix_${i}  = "privesc${i}"
  actions_${i} = ["iam:CreatePolicyVersion", "iam:ListPolicyVersions", "s3:GetObject"]
}

resource "aws_iam_policy" "p${i}" {
  name = "\${local.prefix_${i}}-policy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "S${i}"
        Action   = local.actions_${i}
        Effect   = "Allow"
        Resource = [for n in ["a", "b", "c"] : "arn:aws:s3:::\${local.prefix_${i}}-\${n}/*"]
      },
    ]
  })
}

resource "aws_iam_role" "r${i}" {
  name               = "\${local.prefix_${i}}-role"
  assume_role_policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [{ "Effect": "Allow", "Action": "sts:AssumeRole", "Principal": { "AWS": "\${var.assume_arn_${i}}" } }]
    }
  EOF
}

data "aws_iam_policy_document" "d${i}" {
  dynamic "statement" {
    for_each = { read = ["s3:GetObject"], write = ["s3:PutObject", "s3:DeleteObject"] }
    content {
      sid       = "\${statement.key}${i}"
      actions   = statement.value
      resources = ["\${aws_s3_bucket.b${i}.arn}/*"]
    }
  }
}

resource "aws_s3_bucket" "b${i}" {
  bucket = "\${local.prefix_${i}}-bucket"
}

resource "aws_iam_role_policy" "rp${i}" {
  role   = aws_iam_role.r${i}.id
  policy = data.aws_iam_policy_document.d${i}.json
}
`;
}

function run(label: string, files: Map<string, string>, rounds: number): void {
  const options = defaultOptions('/bench');
  const dirs = new Map<string, string[]>();
  for (const f of files.keys()) {
    const d = f.includes('/') ? f.slice(0, f.lastIndexOf('/')) : '';
    (dirs.get(d) ?? dirs.set(d, []).get(d)!).push(f);
  }
  let policies = 0;
  let errors = 0;
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const [rel, text] of files) {
      const res = extractHcl({
        file: rel,
        repoPath: rel,
        displayPath: (p) => p,
        text,
        options,
        explicit: false,
        readRepoFile: (p) => {
          const t = files.get(p);
          if (t === undefined) throw new Error(`no file ${p}`);
          return t;
        },
        listRepoFiles: (d) => dirs.get(d) ?? [],
      });
      policies += res.policies.length;
      errors += res.errors.length;
    }
  }
  const ms = performance.now() - t0;
  const n = files.size * rounds;
  console.log(`${label}: ${n} files in ${ms.toFixed(0)} ms = ${((n / ms) * 1000).toFixed(0)} .tf files/s (${policies / rounds} policies per round, ${errors} errors)`);
}

// one module per directory (3 files each), and one large module directory (100 files)
const small = new Map<string, string>();
for (let m = 0; m < 100; m++) for (let f = 0; f < 3; f++) small.set(`mod${m}/f${f}.tf`, moduleFile(m * 3 + f));
const large = new Map<string, string>();
for (let f = 0; f < 100; f++) large.set(`big/f${f}.tf`, moduleFile(f));

run('warm-up', small, 1);
run('.tf extraction, 100 modules x 3 files', small, 3);
run('.tf extraction, 1 module x 100 files (siblings resolved)', large, 3);

const text = moduleFile(0).repeat(1);
const big = Array.from({ length: 400 }, (_x, i) => moduleFile(i)).join('\n');
const t0 = performance.now();
for (let i = 0; i < 5; i++) parseHcl(big);
const ms = (performance.now() - t0) / 5;
console.log(`HCL parse only: ${(big.length / 1024).toFixed(0)} KiB in ${ms.toFixed(1)} ms = ${((big.length / 1024 / 1024) / (ms / 1000)).toFixed(1)} MiB/s (${text.length} bytes per module file)`);
