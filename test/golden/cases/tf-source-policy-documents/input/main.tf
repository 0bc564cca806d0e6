module "p" {
  source    = "./modules/p"
  create    = true
  attach_s3 = true
  extra     = []
}
