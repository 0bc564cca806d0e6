locals {
  roles = {
    admin     = ["arn:aws:iam::aws:policy/AdministratorAccess"]
    readonly  = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
    poweruser = ["arn:aws:iam::aws:policy/PowerUserAccess"]
  }
}

module "role" {
  source   = "./modules/role"
  for_each = local.roles
  name     = each.key
  managed  = each.value
}
