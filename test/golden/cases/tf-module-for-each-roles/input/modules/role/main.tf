variable "name" {
  type = string
}

variable "managed" {
  type    = list(string)
  default = []
}

resource "aws_iam_role" "this" {
  name = var.name
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy_attachment" "this" {
  for_each   = toset(var.managed)
  role       = aws_iam_role.this.name
  policy_arn = each.value
}
