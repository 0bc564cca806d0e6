# the bucket the root module's policy names lives in another module (another directory): not declared where the
# policy is
resource "aws_s3_bucket" "elsewhere" {
  bucket = "elsewhere"
}
