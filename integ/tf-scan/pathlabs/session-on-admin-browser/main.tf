locals {
  agentcore_trust = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "bedrock-agentcore.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

# Custom browser whose execution role is an administrator.
resource "aws_iam_role" "crawler" {
  name               = "crawler"
  assume_role_policy = local.agentcore_trust
}

resource "aws_iam_role_policy_attachment" "crawler" {
  role       = aws_iam_role.crawler.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_bedrockagentcore_browser" "crawler" {
  name               = "crawler"
  execution_role_arn = aws_iam_role.crawler.arn
  network_configuration {
    network_mode = "PUBLIC"
  }
}

# Custom browser whose execution role writes its session recordings.
resource "aws_iam_role" "recorder" {
  name               = "recorder"
  assume_role_policy = local.agentcore_trust
}

resource "aws_iam_role_policy" "recorder" {
  name = "recordings"
  role = aws_iam_role.recorder.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:PutObject", Resource = "arn:aws:s3:::browser-recordings/*" }]
  })
}

resource "aws_bedrockagentcore_browser" "recorded" {
  name               = "recorded"
  execution_role_arn = aws_iam_role.recorder.arn
  network_configuration {
    network_mode = "PUBLIC"
  }
}

# Drives the administrator browser over its automation stream: its microVM serves the role's credentials.
resource "aws_iam_role" "research_agent" {
  name = "research-agent"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "research_agent" {
  name = "browse"
  role = aws_iam_role.research_agent.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "bedrock-agentcore:StartBrowserSession", Resource = aws_bedrockagentcore_browser.crawler.browser_arn },
      { Effect = "Allow", Action = "bedrock-agentcore:ConnectBrowserAutomationStream", Resource = "*" },
    ]
  })
}

# Neighbour: the same on the recorded browser.
resource "aws_iam_role" "qa_agent" {
  name = "qa-agent"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "qa_agent" {
  name = "browse"
  role = aws_iam_role.qa_agent.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "bedrock-agentcore:StartBrowserSession", Resource = aws_bedrockagentcore_browser.recorded.browser_arn },
      { Effect = "Allow", Action = "bedrock-agentcore:ConnectBrowserAutomationStream", Resource = "*" },
    ]
  })
}
