module "deploy" {
  source  = "../../modules/deploy"
  actions = ["iam:*"]
}
