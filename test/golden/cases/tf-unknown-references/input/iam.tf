data "terraform_remote_state" "net" {
  backend = "s3"
  config = { bucket = "state", key = "net" }
}

module "other" {
  source = "git::https://example.com/other.git"
}

resource "aws_iam_policy" "p" {
  name = "p"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["s3:GetObject"]
        Resource = "${aws_s3_bucket.elsewhere.arn}/*"
      },
      {
        Effect   = "Allow"
        Action   = ["sqs:SendMessage"]
        Resource = module.other.queue_arn
      },
      {
        Effect   = "Allow"
        Action   = ["kms:Decrypt"]
        Resource = data.terraform_remote_state.net.outputs.kms_arn
      },
      {
        Effect   = "Allow"
        Action   = ["dynamodb:GetItem"]
        Resource = data.aws_dynamodb_table.t.arn
      },
      {
        Effect   = "Allow"
        Action   = ["iam:*"]
        Resource = "*"
      }
    ]
  })
}

resource "aws_iam_policy" "whole" {
  name   = "whole"
  policy = var.whole
}

variable "whole" {
  type = string
}
