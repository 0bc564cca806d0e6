module "deploy" {
  source  = "../../modules/deploy"
  actions = ["s3:GetObject"]
}
