variable "extra" {
  type    = list(string)
  default = []
}

data "aws_iam_policy_document" "x" {
  count = 2
  statement {
    actions   = ["s3:*"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "y" {
  statement {
    actions   = ["ec2:DescribeInstances"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "combined" {
  source_policy_documents = flatten(concat(data.aws_iam_policy_document.x[*].json, var.extra))
}

locals {
  docs = compact(concat([data.aws_iam_policy_document.y.json], var.extra))
}

data "aws_iam_policy_document" "combined2" {
  source_policy_documents   = local.docs
  override_policy_documents = [for d in data.aws_iam_policy_document.x : d.json]
}

resource "aws_iam_policy" "c" {
  name   = "c"
  policy = data.aws_iam_policy_document.combined.json
}

resource "aws_iam_policy" "c2" {
  name   = "c2"
  policy = data.aws_iam_policy_document.combined2.json
}
