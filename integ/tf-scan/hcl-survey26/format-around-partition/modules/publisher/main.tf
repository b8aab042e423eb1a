# The same idiom inside a called module: there the partition is
# `module.publisher.data.aws_partition.current.partition`, formatted around as well.
data "aws_partition" "current" {}

variable "topics" {
  type = list(string)
}

resource "aws_iam_policy" "publisher" {
  name = "publisher"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "s3:PutObject", Resource = formatlist("arn:${data.aws_partition.current.partition}:s3:::%s/*", var.topics) },
      { Effect = "Allow", Action = "iam:PassRole", Resource = format("arn:${data.aws_partition.current.partition}:iam::%s:role/%s", "123456789012", "*") },
    ]
  })
}
