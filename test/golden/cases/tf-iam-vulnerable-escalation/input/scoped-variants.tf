# written for this suite: the same permissions scoped so that no escalation path remains
resource "aws_iam_policy" "scoped-update-stack" {
  name = "scoped-update-stack"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["cloudformation:UpdateStack", "cloudformation:DescribeStacks"]
      Resource = "arn:aws:cloudformation:us-east-1:111122223333:stack/team-app/*"
    }]
  })
}

resource "aws_iam_policy" "scoped-codebuild" {
  name = "scoped-codebuild"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["codebuild:CreateProject", "codebuild:StartBuild"], Resource = "*" },
      {
        Effect    = "Allow"
        Action    = "iam:PassRole"
        Resource  = "arn:aws:iam::111122223333:role/codebuild-app"
        Condition = { StringEquals = { "iam:PassedToService" = "lambda.amazonaws.com" } }
      },
    ]
  })
}

resource "aws_iam_role" "scoped" {
  name = "scoped"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Action = "sts:AssumeRole", Effect = "Allow", Principal = { Service = "codebuild.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy_attachment" "scoped-update-stack" {
  role       = aws_iam_role.scoped.name
  policy_arn = aws_iam_policy.scoped-update-stack.arn
}

resource "aws_iam_role_policy_attachment" "scoped-codebuild" {
  role       = aws_iam_role.scoped.name
  policy_arn = aws_iam_policy.scoped-codebuild.arn
}
