# The log bucket module called from a root whose provider names the Region, and once more through
# an aliased provider of another Region.
provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "virginia"
  region = "us-east-1"
}

module "logs" {
  source = "../elb-log-module"
}

module "logs_us" {
  source = "../elb-log-module"
  bucket = "orders-lb-logs-us"
  providers = {
    aws = aws.virginia
  }
}
