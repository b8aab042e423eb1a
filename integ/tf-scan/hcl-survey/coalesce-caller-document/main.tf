# The module's own document: the account and one named reader.
module "ledger_key" {
  source  = "./vault"
  readers = ["arn:aws:iam::210987654321:role/ledger-reader"]
}

# The caller's document wins over the module's: it opens the key to anyone.
module "handoff_key" {
  source = "./vault"
  key_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Anyone"
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = ["kms:Decrypt", "kms:DescribeKey"]
      Resource  = "*"
    }]
  })
}

# Its readers default to the account itself.
module "archive_key" {
  source = "./vault"
}
