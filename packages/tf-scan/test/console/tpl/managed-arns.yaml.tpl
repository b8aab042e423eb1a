Role:
  Type: AWS::IAM::Role
%{ if length(actions) > 0 }
  ManagedPolicyArns:
%{ for a in actions }
    - ${a}
%{ endfor }
%{ endif }