module "reader" {
  source = "./modules/policy"

  name    = "bucket-reader"
  actions = ["s3:GetObject", "s3:ListBucket"]
  bucket  = "reports-archive"
}

module "everything" {
  source = "./modules/policy"

  name    = "too-broad"
  actions = ["s3:*"]
  bucket  = "*"
}
