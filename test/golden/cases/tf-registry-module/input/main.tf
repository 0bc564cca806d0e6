module "ci_role" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"
  version = "~> 5.0"

  create_role = true
  role_name   = "ci"

  # a map of AWS managed policies: AdministratorAccess is analysed where it is written
  role_policy_arns = {
    admin    = "arn:aws:iam::aws:policy/AdministratorAccess"
    readonly = "arn:aws:iam::aws:policy/ReadOnlyAccess"
  }
}

module "deploy_policy" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-policy"
  version = "~> 5.0"

  name = "deploy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "Deploy"
        Effect   = "Allow"
        Action   = ["lambda:UpdateFunctionCode", "iam:PassRole"]
        Resource = "*"
      }
    ]
  })
}

module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "~> 5.0"
  name    = "main"
}
