# written for this suite: the principal allowed to assume the lab roles
aws_assume_role_arn = "arn:aws:iam::111122223333:role/pentester"
