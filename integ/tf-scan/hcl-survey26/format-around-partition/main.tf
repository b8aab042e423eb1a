# `format` and `formatlist` whose specification names the partition (`arn:${partition}:s3:::%s`),
# as modules written for GovCloud and China write ARNs. The partition is read at plan time and holds
# no `%`: the ARNs are formatted around it (the whole policy was unresolved).
data "aws_partition" "current" {}
data "aws_caller_identity" "current" {}

variable "buckets" {
  type    = list(string)
  default = ["assets", "logs", "assets"]
}

locals {
  objects = formatlist("arn:${data.aws_partition.current.partition}:s3:::%s/*", sort(distinct(var.buckets)))
  roles   = format("arn:${data.aws_partition.current.partition}:iam::%s:role/%s", data.aws_caller_identity.current.account_id, "*")
}

resource "aws_iam_role" "deployer" {
  name = "deployer"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "codebuild.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "deployer" {
  role = aws_iam_role.deployer.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["s3:GetObject", "s3:PutObject"], Resource = local.objects },
      { Effect = "Allow", Action = "iam:PassRole", Resource = local.roles },
    ]
  })
}

module "publisher" {
  source = "./modules/publisher"
  topics = ["events", "audit"]
}
