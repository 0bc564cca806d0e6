resource "aws_iam_policy" "f" {
  name   = "f"
  policy = file("${path.module}/policy.json")
}
