# Heredoc policies that splice values in with `${jsonencode(...)}` outside any JSON string, beside
# an ARN only apply knows: a list of actions, a single ARN (text), a list of principals.

variable "account_id" {
  default = "111122223333"
}

variable "publish_actions" {
  default = ["SNS:Publish"]
}

variable "topic_arn" {
  default = "arn:aws:sns:eu-west-1:111122223333:uploads"
}

variable "subscribers" {
  # Anyone may subscribe: the risky statement of the topic.
  default = ["*"]
}

variable "deploy_actions" {
  default = ["iam:PassRole"]
}

resource "aws_s3_bucket" "uploads" {
  bucket_prefix = "uploads-"
}

resource "aws_sns_topic" "uploads" {
  name   = "uploads"
  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "BucketNotifications",
      "Effect": "Allow",
      "Principal": { "Service": "s3.amazonaws.com" },
      "Action": ${jsonencode(var.publish_actions)},
      "Resource": ${jsonencode(var.topic_arn)},
      "Condition": {
        "ArnLike": { "aws:SourceArn": "${aws_s3_bucket.uploads.arn}" },
        "StringEquals": { "aws:SourceAccount": ${jsonencode(var.account_id)} }
      }
    },
    {
      "Sid": "Subscribers",
      "Effect": "Allow",
      "Principal": { "AWS": ${jsonencode(var.subscribers)} },
      "Action": "SNS:Subscribe",
      "Resource": ${jsonencode(var.topic_arn)}
    }
  ]
}
POLICY
}

resource "aws_iam_role" "deployer" {
  name = "deployer"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "codebuild.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "deployer" {
  role   = aws_iam_role.deployer.id
  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["s3:PutObject"],
      "Resource": "${aws_s3_bucket.uploads.arn}/*"
    },
    {
      "Effect": "Allow",
      "Action": ${jsonencode(var.deploy_actions)},
      "Resource": ${jsonencode("*")}
    }
  ]
}
POLICY
}
