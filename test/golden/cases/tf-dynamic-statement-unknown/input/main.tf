variable "extra_statements" {
  type    = any
  default = []
}
variable "rules" {
  type    = map(object({ actions = list(string), resources = list(string), enabled = bool }))
  default = {}
}
data "aws_s3_objects" "o" {
  bucket = "b"
}
locals {
  enabled_rules = { for k, v in var.rules : k => v if v.enabled }
}

data "aws_iam_policy_document" "a" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::b/*"]
  }
  dynamic "statement" {
    for_each = var.extra_statements
    content {
      sid       = try(statement.value.sid, null)
      effect    = try(statement.value.effect, "Allow")
      actions   = try(statement.value.actions, null)
      resources = try(statement.value.resources, null)
    }
  }
}

data "aws_iam_policy_document" "b" {
  dynamic "statement" {
    for_each = local.enabled_rules
    iterator = r
    content {
      sid       = r.key
      actions   = r.value.actions
      resources = r.value.resources
    }
  }
}

data "aws_iam_policy_document" "c" {
  dynamic "statement" {
    for_each = toset(data.aws_s3_objects.o.keys)
    content {
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::b/${statement.value}"]
    }
  }
}

resource "aws_iam_policy" "a" {
  policy = data.aws_iam_policy_document.a.json
}
resource "aws_iam_policy" "b" {
  policy = data.aws_iam_policy_document.b.json
}
resource "aws_iam_policy" "c" {
  policy = data.aws_iam_policy_document.c.json
}
