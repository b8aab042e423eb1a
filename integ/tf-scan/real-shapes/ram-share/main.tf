provider "aws" {
  region = "eu-west-1"
}

resource "aws_ec2_transit_gateway" "hub" {
  description = "hub"
}

resource "aws_ram_resource_share" "network" {
  name                      = "network"
  allow_external_principals = true
}

resource "aws_ram_resource_association" "hub" {
  resource_arn       = aws_ec2_transit_gateway.hub.arn
  resource_share_arn = aws_ram_resource_share.network.arn
}

resource "aws_ram_resource_association" "subnet" {
  resource_arn       = "arn:aws:ec2:eu-west-1:111122223333:subnet/subnet-0a1b2c3d4e5f67890"
  resource_share_arn = aws_ram_resource_share.network.arn
}

resource "aws_ram_principal_association" "partner" {
  principal          = "777788889999"
  resource_share_arn = aws_ram_resource_share.network.arn
}

# Open to external principals, with a resource, but shared with nobody yet.
resource "aws_ram_resource_share" "staging" {
  name                      = "staging"
  allow_external_principals = true
}

resource "aws_ram_resource_association" "staging" {
  resource_arn       = "arn:aws:ec2:eu-west-1:111122223333:subnet/subnet-0fedcba9876543210"
  resource_share_arn = aws_ram_resource_share.staging.arn
}
