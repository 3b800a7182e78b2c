package kz.labour.reporting;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class LabourReportingApplication {

    public static void main(String[] args) {
        System.exit(SpringApplication.exit(SpringApplication.run(LabourReportingApplication.class, args)));
    }
}
