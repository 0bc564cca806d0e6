variable "attach_ebs_csi_policy" {
  description = "Whether to attach the ebs_csi policy"
  type        = bool
  default     = false
}

variable "attach_efs_csi_policy" {
  description = "Whether to attach the efs_csi policy"
  type        = bool
  default     = false
}

variable "attach_external_dns_policy" {
  description = "Whether to attach the external_dns policy"
  type        = bool
  default     = false
}

variable "attach_cert_manager_policy" {
  description = "Whether to attach the cert_manager policy"
  type        = bool
  default     = false
}

variable "attach_cluster_autoscaler_policy" {
  description = "Whether to attach the cluster_autoscaler policy"
  type        = bool
  default     = false
}

variable "attach_load_balancer_policy" {
  description = "Whether to attach the load_balancer policy"
  type        = bool
  default     = false
}

variable "attach_vpc_cni_policy" {
  description = "Whether to attach the vpc_cni policy"
  type        = bool
  default     = false
}

variable "attach_karpenter_policy" {
  description = "Whether to attach the karpenter policy"
  type        = bool
  default     = false
}

variable "attach_velero_policy" {
  description = "Whether to attach the velero policy"
  type        = bool
  default     = false
}

variable "attach_secrets_policy" {
  description = "Whether to attach the secrets policy"
  type        = bool
  default     = false
}

variable "attach_admin_policy" {
  description = "Whether to attach the admin policy"
  type        = bool
  default     = false
}

resource "aws_iam_role" "this" {
  name = "irsa"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRoleWithWebIdentity", Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE" } }]
  })
}

data "aws_iam_policy_document" "ebs_csi" {
  count = var.attach_ebs_csi_policy ? 1 : 0
  statement {
    sid       = "Ebscsi"
    actions   = ["ec2:CreateVolume"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "ebs_csi" {
  count  = var.attach_ebs_csi_policy ? 1 : 0
  name   = "ebs_csi"
  policy = data.aws_iam_policy_document.ebs_csi[0].json
}

resource "aws_iam_role_policy_attachment" "ebs_csi" {
  count      = var.attach_ebs_csi_policy ? 1 : 0
  role       = aws_iam_role.this.name
  policy_arn = aws_iam_policy.ebs_csi[0].arn
}

data "aws_iam_policy_document" "efs_csi" {
  count = var.attach_efs_csi_policy ? 1 : 0
  statement {
    sid       = "Efscsi"
    actions   = ["elasticfilesystem:*"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "efs_csi" {
  count  = var.attach_efs_csi_policy ? 1 : 0
  name   = "efs_csi"
  policy = data.aws_iam_policy_document.efs_csi[0].json
}

resource "aws_iam_role_policy_attachment" "efs_csi" {
  count      = var.attach_efs_csi_policy ? 1 : 0
  role       = aws_iam_role.this.name
  policy_arn = aws_iam_policy.efs_csi[0].arn
}

data "aws_iam_policy_document" "external_dns" {
  count = var.attach_external_dns_policy ? 1 : 0
  statement {
    sid       = "Externaldns"
    actions   = ["route53:ChangeResourceRecordSets"]
    resources = ["arn:aws:route53:::hostedzone/*"]
  }
}

resource "aws_iam_policy" "external_dns" {
  count  = var.attach_external_dns_policy ? 1 : 0
  name   = "external_dns"
  policy = data.aws_iam_policy_document.external_dns[0].json
}

resource "aws_iam_role_policy_attachment" "external_dns" {
  count      = var.attach_external_dns_policy ? 1 : 0
  role       = aws_iam_role.this.name
  policy_arn = aws_iam_policy.external_dns[0].arn
}

data "aws_iam_policy_document" "cert_manager" {
  count = var.attach_cert_manager_policy ? 1 : 0
  statement {
    sid       = "Certmanager"
    actions   = ["route53:GetChange"]
    resources = ["arn:aws:route53:::change/*"]
  }
}

resource "aws_iam_policy" "cert_manager" {
  count  = var.attach_cert_manager_policy ? 1 : 0
  name   = "cert_manager"
  policy = data.aws_iam_policy_document.cert_manager[0].json
}

resource "aws_iam_role_policy_attachment" "cert_manager" {
  count      = var.attach_cert_manager_policy ? 1 : 0
  role       = aws_iam_role.this.name
  policy_arn = aws_iam_policy.cert_manager[0].arn
}

data "aws_iam_policy_document" "cluster_autoscaler" {
  count = var.attach_cluster_autoscaler_policy ? 1 : 0
  statement {
    sid       = "Clusterautoscaler"
    actions   = ["autoscaling:SetDesiredCapacity"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "cluster_autoscaler" {
  count  = var.attach_cluster_autoscaler_policy ? 1 : 0
  name   = "cluster_autoscaler"
  policy = data.aws_iam_policy_document.cluster_autoscaler[0].json
}

resource "aws_iam_role_policy_attachment" "cluster_autoscaler" {
  count      = var.attach_cluster_autoscaler_policy ? 1 : 0
  role       = aws_iam_role.this.name
  policy_arn = aws_iam_policy.cluster_autoscaler[0].arn
}

data "aws_iam_policy_document" "load_balancer" {
  count = var.attach_load_balancer_policy ? 1 : 0
  statement {
    sid       = "Loadbalancer"
    actions   = ["iam:CreateServiceLinkedRole"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "load_balancer" {
  count  = var.attach_load_balancer_policy ? 1 : 0
  name   = "load_balancer"
  policy = data.aws_iam_policy_document.load_balancer[0].json
}

resource "aws_iam_role_policy_attachment" "load_balancer" {
  count      = var.attach_load_balancer_policy ? 1 : 0
  role       = aws_iam_role.this.name
  policy_arn = aws_iam_policy.load_balancer[0].arn
}

data "aws_iam_policy_document" "vpc_cni" {
  count = var.attach_vpc_cni_policy ? 1 : 0
  statement {
    sid       = "Vpccni"
    actions   = ["ec2:AssignPrivateIpAddresses"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "vpc_cni" {
  count  = var.attach_vpc_cni_policy ? 1 : 0
  name   = "vpc_cni"
  policy = data.aws_iam_policy_document.vpc_cni[0].json
}

resource "aws_iam_role_policy_attachment" "vpc_cni" {
  count      = var.attach_vpc_cni_policy ? 1 : 0
  role       = aws_iam_role.this.name
  policy_arn = aws_iam_policy.vpc_cni[0].arn
}

data "aws_iam_policy_document" "karpenter" {
  count = var.attach_karpenter_policy ? 1 : 0
  statement {
    sid       = "Karpenter"
    actions   = ["iam:PassRole"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "karpenter" {
  count  = var.attach_karpenter_policy ? 1 : 0
  name   = "karpenter"
  policy = data.aws_iam_policy_document.karpenter[0].json
}

resource "aws_iam_role_policy_attachment" "karpenter" {
  count      = var.attach_karpenter_policy ? 1 : 0
  role       = aws_iam_role.this.name
  policy_arn = aws_iam_policy.karpenter[0].arn
}

data "aws_iam_policy_document" "velero" {
  count = var.attach_velero_policy ? 1 : 0
  statement {
    sid       = "Velero"
    actions   = ["s3:*"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "velero" {
  count  = var.attach_velero_policy ? 1 : 0
  name   = "velero"
  policy = data.aws_iam_policy_document.velero[0].json
}

resource "aws_iam_role_policy_attachment" "velero" {
  count      = var.attach_velero_policy ? 1 : 0
  role       = aws_iam_role.this.name
  policy_arn = aws_iam_policy.velero[0].arn
}

data "aws_iam_policy_document" "secrets" {
  count = var.attach_secrets_policy ? 1 : 0
  statement {
    sid       = "Secrets"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "secrets" {
  count  = var.attach_secrets_policy ? 1 : 0
  name   = "secrets"
  policy = data.aws_iam_policy_document.secrets[0].json
}

resource "aws_iam_role_policy_attachment" "secrets" {
  count      = var.attach_secrets_policy ? 1 : 0
  role       = aws_iam_role.this.name
  policy_arn = aws_iam_policy.secrets[0].arn
}

data "aws_iam_policy_document" "admin" {
  count = var.attach_admin_policy ? 1 : 0
  statement {
    sid       = "Admin"
    actions   = ["*"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "admin" {
  count  = var.attach_admin_policy ? 1 : 0
  name   = "admin"
  policy = data.aws_iam_policy_document.admin[0].json
}

resource "aws_iam_role_policy_attachment" "admin" {
  count      = var.attach_admin_policy ? 1 : 0
  role       = aws_iam_role.this.name
  policy_arn = aws_iam_policy.admin[0].arn
}
