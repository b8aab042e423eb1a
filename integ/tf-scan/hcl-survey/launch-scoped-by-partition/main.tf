# A node provisioner's launch grants, as autoscaling controllers write them: the images, subnets
# and security groups it may launch with are named by type in ARNs built from the partition and
# region the provider reports, and the instances themselves are scoped by a request tag in a
# statement of their own. Only the tag-less twin grants launches on every instance.
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  ec2 = "arn:${data.aws_partition.current.partition}:ec2:${data.aws_region.current.name}"
}

data "aws_iam_policy_document" "provisioner" {
  statement {
    sid     = "LaunchFromApprovedParts"
    actions = ["ec2:RunInstances", "ec2:CreateFleet"]
    resources = [
      "${local.ec2}::image/*",
      "${local.ec2}::snapshot/*",
      "${local.ec2}:*:security-group/*",
      "${local.ec2}:*:subnet/*",
    ]
  }

  statement {
    sid = "LaunchTaggedInstances"
    actions = ["ec2:RunInstances", "ec2:CreateFleet", "ec2:CreateLaunchTemplate"]
    resources = [
      "${local.ec2}:*:instance/*",
      "${local.ec2}:*:volume/*",
      "${local.ec2}:*:network-interface/*",
      "${local.ec2}:*:launch-template/*",
      "${local.ec2}:*:fleet/*",
    ]
    condition {
      test     = "StringEquals"
      variable = "aws:RequestTag/provisioner.example.com/cluster"
      values   = ["orders"]
    }
  }
}

data "aws_iam_policy_document" "untagged" {
  statement {
    sid       = "LaunchAnything"
    actions   = ["ec2:RunInstances"]
    resources = ["${local.ec2}:*:instance/*", "${local.ec2}:*:volume/*", "${local.ec2}:*:network-interface/*", "${local.ec2}:*:security-group/*", "${local.ec2}:*:subnet/*", "${local.ec2}::image/*"]
  }
}

resource "aws_iam_policy" "provisioner" {
  name   = "provisioner"
  policy = data.aws_iam_policy_document.provisioner.json
}

resource "aws_iam_policy" "untagged" {
  name   = "untagged"
  policy = data.aws_iam_policy_document.untagged.json
}
