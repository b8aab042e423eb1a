deployer = true
