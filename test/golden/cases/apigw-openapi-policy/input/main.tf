resource "aws_api_gateway_rest_api" "api" {
  name = "tf-api"
  body = jsonencode({
    openapi = "3.0.1"
    info    = { title = "tf-api", version = "1" }
    "x-amazon-apigateway-policy" = {
      Version = "2012-10-17"
      Statement = [{
        Effect    = "Allow"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "*"
      }]
    }
  })
}
