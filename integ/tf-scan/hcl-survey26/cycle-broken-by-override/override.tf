locals {
  b = "*"
}
