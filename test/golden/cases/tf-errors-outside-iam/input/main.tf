resource "aws_subnet" "s" {
  vpc_id     = "REPLACE_ME"
  cidr_block = cidrsubnet("REPLACE_ME", 8, 1)
  tags = {
    Name = someprovider::fancy("x")
    When = unknownfn("y")
  }
}

resource "aws_iam_policy" "ok" {
  name = "ok"
  tags = { Owner = unknownfn("team") }
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::b/*" }]
  })
}

locals {
  user_data = templatefile("${path.module}/templates/${var.platform}.tpl", {})
}

variable "platform" {
  type    = string
  default = "custom"
}

resource "aws_launch_template" "lt" {
  user_data = base64encode(local.user_data)
}
