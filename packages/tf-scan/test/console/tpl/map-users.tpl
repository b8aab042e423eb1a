data:
  mapUsers: |
%{ for a in buckets ~}
    - userarn: arn:aws:iam::111122223333:user/${a}
      username: ${split("/", "u/${a}")[1]}
%{ endfor ~}
