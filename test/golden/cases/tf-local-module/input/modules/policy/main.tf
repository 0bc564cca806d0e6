variable "name" {
  type = string
}

variable "actions" {
  type = list(string)
}

variable "bucket" {
  type = string
}

data "aws_iam_policy_document" "this" {
  statement {
    sid       = "Bucket"
    actions   = var.actions
    resources = ["arn:aws:s3:::${var.bucket}", "arn:aws:s3:::${var.bucket}/*"]
  }
}

resource "aws_iam_policy" "this" {
  name   = var.name
  policy = data.aws_iam_policy_document.this.json
}
