data "aws_ssoadmin_instances" "this" {}

resource "aws_iam_policy" "release" {
  name = "release-operators"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["iam:PassRole", "ecs:RunTask"], Resource = "*" }]
  })
}

module "identity_center" {
  source = "./modules/permission-sets"

  permission_sets = {
    Platform = {
      description = "break-glass administrators"
      managed     = ["AdministratorAccess"]
    }
    Auditor = {
      description = "auditors, with an inline policy only"
      inline = jsonencode({
        Version   = "2012-10-17"
        Statement = [{ Effect = "Allow", Action = ["cloudtrail:LookupEvents"], Resource = "*" }]
      })
    }
    Support = {
      description     = "support engineers"
      managed         = ["job-function/ViewOnlyAccess"]
      customer_policy = [{ name = "support-tickets" }]
    }
  }
}

# A permission set of the root module given a policy of the configuration by its name attribute.
resource "aws_ssoadmin_permission_set" "release" {
  name         = "Release"
  instance_arn = tolist(data.aws_ssoadmin_instances.this.arns)[0]
}

resource "aws_ssoadmin_customer_managed_policy_attachment" "release" {
  instance_arn       = aws_ssoadmin_permission_set.release.instance_arn
  permission_set_arn = aws_ssoadmin_permission_set.release.arn

  customer_managed_policy_reference {
    name = aws_iam_policy.release.name
  }
}
