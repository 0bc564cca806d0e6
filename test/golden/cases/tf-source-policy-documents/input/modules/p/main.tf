variable "create" {
  type    = bool
  default = false
}
variable "extra" {
  type    = list(string)
  default = []
}
variable "attach_s3" {
  type    = bool
  default = false
}
data "aws_iam_policy_document" "s3" {
  count = var.attach_s3 ? 1 : 0
  statement {
    sid       = "S3All"
    actions   = ["s3:*"]
    resources = ["*"]
  }
}
data "aws_iam_policy_document" "base" {
  statement {
    sid       = "Logs"
    actions   = ["logs:PutLogEvents"]
    resources = ["arn:aws:logs:*:111122223333:log-group:/app:*"]
  }
}
data "aws_iam_policy_document" "combined" {
  count = var.create ? 1 : 0
  source_policy_documents = flatten(concat(
    [data.aws_iam_policy_document.base.json],
    data.aws_iam_policy_document.s3[*].json,
    var.extra,
  ))
}
resource "aws_iam_policy" "this" {
  count  = var.create ? 1 : 0
  name   = "combined"
  policy = data.aws_iam_policy_document.combined[0].json
}
