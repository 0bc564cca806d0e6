resource "aws_s3_bucket" "b" {
  bucket = "acme-data"
}

resource "aws_s3_bucket_acl" "public" {
  bucket = aws_s3_bucket.b.id
  acl    = "public-read-write"
}

variable "acl" {
  type = string
}

resource "aws_s3_bucket_acl" "unknown" {
  bucket = "acme-unknown"
  acl    = var.acl
}

resource "aws_s3_bucket_acl" "grant" {
  bucket = "acme-granted"
  access_control_policy {
    grant {
      grantee {
        type = "Group"
        uri  = "http://acs.amazonaws.com/groups/global/AllUsers"
      }
      permission = "READ"
    }
    owner {
      id = "abc"
    }
  }
}

resource "aws_s3_bucket_acl" "private" {
  bucket = "acme-private"
  acl    = "private"
}

resource "aws_s3_bucket_acl" "logs" {
  bucket = "acme-logs"
  acl    = "log-delivery-write"
}
